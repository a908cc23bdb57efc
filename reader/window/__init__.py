"""The main window: its actions (menus, shortcuts, Help), preferences, history, theme."""
