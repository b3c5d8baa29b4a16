/** Set on every request by the peer stamp (peer-stamp.ts): "<process nonce> <peer address>". Never stored or shown. */
export const PEER_HEADER = "x-continuata-peer";
