"""The living project-model handbook: data model, validation and Sphinx extensions."""

__version__ = "0.2.0"
