"""Geoparsing: the gazetteer (build, import, lookup), toponym recognition and
resolution. The geoparse stage (stages/geoparse.py) and locate stage
(stages/locate.py) are the pipeline's entry points into it."""
