"""The pipeline steps (collect, normalize, load) as plain functions, and the relais CLI."""
