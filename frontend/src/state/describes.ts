import { useCallback, useRef, useState } from "react";
import type { LiaisonApi, ObjectInfo, Side } from "../api/types";

/**
 * Returns live describes by object, each loaded once through the engine and
 * kept while the editor is open. get() returns undefined until the describe
 * arrives, and the component renders again then.
 */
export function useDescribes(api: LiaisonApi): (side: Side, instance: number, object: string) => ObjectInfo | undefined {
  const [cache, setCache] = useState<Record<string, ObjectInfo>>({});
  const asked = useRef(new Set<string>());

  return useCallback(
    (side: Side, instance: number, object: string) => {
      if (object === "") return undefined;
      const key = side === "salesforce" ? `sf:${object}` : `cz${instance}:${object}`;
      const found = cache[key];
      if (found) return found;
      if (!asked.current.has(key)) {
        asked.current.add(key);
        const load = side === "salesforce" ? api.schema.describeSalesforce(object) : api.schema.describeClarizen(instance, object);
        load.then(
          (obj) => setCache((c) => ({ ...c, [key]: obj })),
          () => asked.current.delete(key),
        );
      }
      return undefined;
    },
    [api, cache],
  );
}
