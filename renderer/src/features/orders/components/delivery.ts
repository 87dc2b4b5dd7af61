/** Tag colour of each delivery status of an order. */
export const deliveryColor = { queued: 'gold', delivered: 'green', refused: 'red' } as const;
