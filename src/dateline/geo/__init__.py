"""PLACEHOLDER until the geo stage lands."""
def extract_places(parsed):
    return (), ()
