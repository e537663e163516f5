//! Provider templates: written in a later step.
