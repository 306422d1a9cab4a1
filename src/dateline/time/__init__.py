"""PLACEHOLDER until the time stage lands: no time expressions."""
def extract_times(parsed):
    return ()
def resolve_sentence_times(parsed, times):
    return ()
