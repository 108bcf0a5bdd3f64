"""Recognizers: rules, validators, context, gazetteers and the analyzer."""
