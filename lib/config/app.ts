/** The public origin of the app; sign-in, invite and download links are built on it. */
export function appUrl(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.NEXTAUTH_URL || env.APP_URL;
  if (explicit) return explicit.replace(/\/+$/, "");
  return `http://localhost:${env.PORT || 3000}`;
}
