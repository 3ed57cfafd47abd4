"""Review: whether a verdict follows from its evidence, and whose accounts the evidence is."""
