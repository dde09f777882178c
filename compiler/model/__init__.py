"""The canonical model and the shapes every stage hands on: types only, no behaviour beyond them."""
