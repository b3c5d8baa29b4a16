const RESERVED = new Set(["new", "settings", "api", "admin"]);

/** "Acme Sounds Ltd." → "acme-sounds-ltd" (3 to 40 characters). */
export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  const slug = base.length >= 3 ? base : `${base || "org"}-${Math.random().toString(36).slice(2, 6)}`;
  return RESERVED.has(slug) ? `${slug}-org` : slug;
}

export function withSuffix(slug: string, attempt: number): string {
  if (attempt === 0) return slug;
  return `${slug.slice(0, 35)}-${Math.random().toString(36).slice(2, 6)}`;
}
