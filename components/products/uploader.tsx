"use client";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { uploadDirect } from "./direct-upload";

interface Item {
  name: string;
  loaded: number;
  total: number;
  state: "uploading" | "done" | "failed";
  error?: string;
}

/**
 * Drag and drop (or pick) several files; each streams to the server with its
 * own progress bar. The server stores them without holding them in memory.
 * With S3 storage (`direct`: the uploads endpoint) the bytes go straight to
 * the bucket in parallel parts instead (./direct-upload.ts).
 */
export function Uploader({ endpoint, direct }: { endpoint: string; direct?: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<Item[]>([]);
  const [over, setOver] = useState(false);

  function update(name: string, patch: Partial<Item>) {
    setItems((all) => all.map((i) => (i.name === name ? { ...i, ...patch } : i)));
  }

  async function sendDirect(file: File, to: string): Promise<void> {
    try {
      await uploadDirect(to, file, (loaded) => update(file.name, { loaded, total: file.size }));
      update(file.name, { state: "done", loaded: file.size });
    } catch (err) {
      update(file.name, { state: "failed", error: (err as Error).message });
    }
  }

  function send(file: File): Promise<void> {
    if (direct) return sendDirect(file, direct);
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open("PUT", `${endpoint}/${encodeURIComponent(file.name)}`);
      xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
      xhr.upload.onprogress = (e) => update(file.name, { loaded: e.loaded, total: e.total });
      xhr.onload = () => {
        let error: string | undefined;
        if (xhr.status >= 300) {
          try {
            error = JSON.parse(xhr.responseText).detail;
          } catch {
            error = `Upload failed (${xhr.status}).`;
          }
        }
        update(file.name, { state: error ? "failed" : "done", loaded: file.size, error });
        resolve();
      };
      xhr.onerror = () => {
        update(file.name, { state: "failed", error: "Network error." });
        resolve();
      };
      xhr.send(file);
    });
  }

  async function upload(files: FileList | null) {
    if (!files?.length) return;
    const list = [...files];
    setItems((all) => [
      ...all.filter((i) => !list.some((f) => f.name === i.name)),
      ...list.map((f) => ({ name: f.name, loaded: 0, total: f.size, state: "uploading" as const })),
    ]);
    await Promise.all(list.map(send));
    router.refresh();
  }

  return (
    <div className="space-y-3">
      {/* A label around the (visually hidden) file input: click, keyboard and screen readers all reach the input itself. */}
      <label
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void upload(e.dataTransfer.files);
        }}
        className={`block cursor-pointer rounded-xl border-2 border-dashed px-4 py-6 text-center text-sm focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-indigo-600 ${over ? "border-indigo-400 bg-indigo-50" : "border-slate-300 text-slate-600 hover:bg-slate-50"}`}
      >
        Drop files here, or click to choose. Large files are fine.
        <input
          ref={input}
          type="file"
          multiple
          className="sr-only"
          data-testid="file-input"
          onChange={(e) => void upload(e.currentTarget.files)}
        />
      </label>
      {items.length > 0 && (
        <ul className="space-y-2">
          {items.map((i) => (
            <li key={i.name} className="text-sm" data-testid="upload-item">
              <div className="flex justify-between gap-2">
                <span className="truncate">{i.name}</span>
                <span className={i.state === "failed" ? "text-red-600" : "text-slate-500"}>
                  {i.state === "failed" ? i.error : i.state === "done" ? "Uploaded" : `${Math.round((100 * i.loaded) / (i.total || 1))}%`}
                </span>
              </div>
              <progress className="h-2 w-full" value={i.loaded} max={i.total || 1} aria-label={`Upload progress of ${i.name}`} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
