"""Training and evaluation of the models the app ships. Never imported by the app at run time."""
