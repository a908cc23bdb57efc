"""Paper and places: Print and Save as PDF of a document or a comparison (with the reader's
annotations, or without), and Go to Paragraph."""
