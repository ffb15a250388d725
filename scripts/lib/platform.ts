import { getPlatformProxy } from "wrangler";

/**
 * The local bindings (D1, R2, KV) of a persisted state directory, for scripts outside the Worker.
 * The proxy only needs storage but reads the whole config, so workerd warns that the Durable
 * Object classes are not exported by it (they are, by the real Worker); that noise is dropped.
 * @example const proxy = await platformProxy(".wrangler/state"); database(proxy.env.DB)
 */
export function platformProxy(persistTo: string) {
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
    /DurableObjectNamespace in the config referenced|Durable Objects? (are|is) not supported|define your DO in a separate Worker|internal Durable Objects|will not work in local development|durable-objects|class_name/.test(
      String(chunk),
    )
      ? true
      : write(chunk, ...rest)) as typeof process.stderr.write;
  return getPlatformProxy<Env>({ configPath: "wrangler.toml", persist: { path: `${persistTo}/v3` } });
}
