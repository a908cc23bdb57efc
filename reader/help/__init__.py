"""Help for a person new to Plenary: the first start's welcome page, About, the bundled user
guide (all offline), and File → Recent Documents."""
