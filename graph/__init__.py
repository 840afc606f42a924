"""The model and infrastructure: vocabulary, records, ids, cleaning, store, engine."""
