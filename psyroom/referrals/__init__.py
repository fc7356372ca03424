"""Referrals (转介): the institution directory, the referral workflow and the printed slip."""
