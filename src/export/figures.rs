//! Print-ready figures (PNG and SVG) of the plots, written to a directory.
