# Thin wrapper: every target is `python3 tasks.py <target>` (works without make, too).
.PHONY: setup build lint test bench fuzz serve
setup build lint test bench fuzz serve:
	python3 tasks.py $@
