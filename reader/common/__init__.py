"""What every feature uses: long work off the UI thread, plain-text messages."""
