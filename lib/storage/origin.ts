/**
 * The origin browsers reach the bucket at (direct uploads), for the dashboard's
 * CSP connect-src; null with local storage. It must be exactly where the AWS
 * SDK presigns part URLs (origin.test.ts checks it against the SDK), so this
 * follows the SDK's choice between virtual-hosted (`bucket.host`) and path
 * style (`host/bucket`): path style when S3_FORCE_PATH_STYLE=1, when the
 * endpoint is an IP address, or when the bucket name cannot be a host label
 * (dots over https, upper case, too short or long).
 */
export function storageOrigin(env: NodeJS.ProcessEnv = process.env): string | null {
  const bucket = env.S3_BUCKET;
  if (!bucket) return null;
  const pathStyle = env.S3_FORCE_PATH_STYLE === "1";
  if (env.S3_ENDPOINT) {
    let u: URL;
    try {
      u = new URL(env.S3_ENDPOINT);
    } catch {
      return null;
    }
    // Over plain http the SDK also puts dotted names in the host (no certificate to match).
    const virtual = !pathStyle && !isIpAddress(u.hostname) && hostable(bucket, u.protocol === "http:");
    return virtual ? `${u.protocol}//${bucket}.${u.host}` : u.origin;
  }
  const region = env.S3_REGION || env.AWS_REGION || "us-east-1";
  const host = `s3.${region}.amazonaws.com${region.startsWith("cn-") ? ".cn" : ""}`;
  return !pathStyle && hostable(bucket, false) ? `https://${bucket}.${host}` : `https://${host}`;
}

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)){3}$/;
const isIpAddress = (host: string) => IPV4.test(host) || host.startsWith("[");

/** The SDK's isVirtualHostableS3Bucket: 3–63 lower-case letters, digits and inner hyphens, not an IP; per label when dots are allowed. */
function hostable(bucket: string, allowDots: boolean): boolean {
  if (allowDots) return bucket.split(".").every((label) => hostable(label, false));
  return /^(?!-)[a-z0-9-]{3,63}(?<!-)$/.test(bucket) && !IPV4.test(bucket);
}
