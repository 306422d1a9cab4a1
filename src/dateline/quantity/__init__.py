"""PLACEHOLDER until the quantity stage lands."""
def extract_quantities(parsed):
    return ()
