"""The household editor: header, families and members, catalogue-driven sections."""
