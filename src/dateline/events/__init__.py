"""PLACEHOLDER until the events stage lands."""
def extract_events(parsed, times, sentence_times, places):
    return ()
def main_event(parsed, events, times, sentence_times, places):
    return None
