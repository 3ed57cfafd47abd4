"""Quote anchoring: normalise text, find each quote, resolve the model."""
