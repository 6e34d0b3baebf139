// Whether this load is the provider's redirect back with a code: checked without loading the OIDC library.
export const isCallback = (): boolean => {
  const q = new URLSearchParams(location.search);
  return q.has('code') && q.has('state');
};
