/** The address the landing page's script posts to when an invitation link is opened in a browser. */
export const openedBeaconPath = (token: string) => `/i/${encodeURIComponent(token)}/opened`;

/**
 * Tells the server the link was opened (the recruiter's pipeline shows "Opened"). Fire and forget: a lost beacon only
 * leaves the status at "Invited", so errors are swallowed; `keepalive` lets it finish if "Start" is pressed at once.
 */
export async function sendOpenedBeacon(token: string): Promise<void> {
  try {
    await fetch(openedBeaconPath(token), {
      method: "POST",
      body: new URLSearchParams({ intent: "opened" }),
      credentials: "same-origin",
      keepalive: true,
    });
  } catch {
    // offline or the page is closing: the status stays "Invited"
  }
}
