"""Writers of stored analyses in the formats other tools read.

- ``geojson``: places as a GeoJSON FeatureCollection.
- ``giveme5w1h``: main events in Giveme5W1H's output layout, one JSON file per article.
"""
