"""What lives between two builds of `factcheck serve`."""
