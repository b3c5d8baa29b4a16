"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** The request as a curl command; the key stays masked: put your own in its place. */
export function CopyCurl({ command }: { command: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-2">
      <pre
        tabIndex={0}
        className="overflow-x-auto whitespace-pre-wrap break-all rounded-lg bg-slate-900 p-3 font-mono text-xs text-slate-100"
        data-testid="curl"
      >
        {command}
      </pre>
      <Button
        type="button"
        variant="secondary"
        onClick={async () => {
          await navigator.clipboard.writeText(command);
          setCopied(true);
        }}
      >
        {copied ? "Copied" : "Copy as curl"}
      </Button>
    </div>
  );
}
