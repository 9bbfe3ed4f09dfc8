"""The map dashboard: static pages over the REST API, and the offline
front-end assets (Leaflet, marker clustering, Natural Earth boundaries)."""
