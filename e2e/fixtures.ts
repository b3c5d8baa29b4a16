import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

export { expect };

/** Reports every CSP violation of the page to its console, where the guard below collects it. */
const REPORT_VIOLATIONS = () => {
  document.addEventListener("securitypolicyviolation", (e) => {
    console.error(
      `securitypolicyviolation: ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile || e.documentURI}:${e.lineNumber}`,
    );
  });
};

/** Console errors and warnings that mean our headers are wrong: a CSP violation, or a Permissions-Policy the browser cannot parse. */
const HEADER_PROBLEM = /securitypolicyviolation|Content Security Policy|Permissions-Policy/i;

/**
 * `test` with a guard: a test fails when any page of the app (in the default context or in
 * contexts the test opens itself) violates its Content-Security-Policy. Pages of other origins,
 * such as a hostile page that tries to frame ours, are not ours to judge.
 */
export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ browser, context, baseURL }, use) => {
      const appOrigin = new URL(baseURL!).origin;
      const problems: string[] = [];
      const watchPage = (page: Page) => {
        // Irreversible actions are confirmed in the app's own dialog; a native alert/confirm/prompt is a failure.
        page.on("dialog", (d) => {
          problems.push(`${page.url()}: native ${d.type()} dialog "${d.message()}"`);
          void d.dismiss().catch(() => {});
        });
        page.on("console", (msg) => {
          let origin = "";
          try {
            origin = new URL(page.url()).origin;
          } catch {}
          if ((msg.type() === "error" || msg.type() === "warning") && origin === appOrigin && HEADER_PROBLEM.test(msg.text()))
            problems.push(`${page.url()}: ${msg.text()}`);
        });
      };
      const watch = async (ctx: BrowserContext) => {
        await ctx.addInitScript(REPORT_VIOLATIONS);
        ctx.pages().forEach(watchPage);
        ctx.on("page", watchPage);
      };
      await watch(context);
      const newContext = browser.newContext;
      (browser as Browser).newContext = async (...args) => {
        const ctx = await newContext.apply(browser, args);
        await watch(ctx);
        return ctx;
      };
      await use();
      browser.newContext = newContext;
      expect(problems, "CSP violations or native dialogs on the app's pages").toEqual([]);
    },
    { auto: true },
  ],
});
