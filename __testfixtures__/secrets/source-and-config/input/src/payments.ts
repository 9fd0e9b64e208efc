import Stripe from 'stripe'

// TODO: move to env
const stripe = new Stripe('sk_live_FAKE1111fake1111FAKE1111', { apiVersion: '2024-06-20' })
export const webhookSecret = "whsec_FAKEfakeFAKEfakeFAKEfake1234"
