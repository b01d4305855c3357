"""Pure geometry and optimisation library (no Django): field-of-view sectors, coverage,
camera placement. Takes plain numpy arrays and dataclasses; benchmarked on its own."""
