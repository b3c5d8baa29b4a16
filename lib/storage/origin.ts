/**
 * The origin browsers reach the bucket at (direct uploads), for the dashboard's
 * CSP connect-src: S3_ENDPOINT's origin, or the AWS virtual-hosted bucket
 * origin. Null with local storage.
 */
export function storageOrigin(env: NodeJS.ProcessEnv = process.env): string | null {
  if (!env.S3_BUCKET) return null;
  if (env.S3_ENDPOINT) {
    try {
      const u = new URL(env.S3_ENDPOINT);
      return env.S3_FORCE_PATH_STYLE === "1" ? u.origin : `${u.protocol}//${env.S3_BUCKET}.${u.host}`;
    } catch {
      return null;
    }
  }
  const region = env.S3_REGION || env.AWS_REGION || "us-east-1";
  return `https://${env.S3_BUCKET}.s3.${region}.amazonaws.com`;
}
