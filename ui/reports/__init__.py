"""The reports page: the monthly report previewed, saved, printed and exported."""
