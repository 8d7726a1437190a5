"""selfeval: 绩效自评 report pipeline."""
__version__ = "0.1.0"
