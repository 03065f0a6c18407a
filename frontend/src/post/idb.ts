// One request to an object store of this browser's IndexedDB: open the database (creating the
// store on first use), run `act` in one transaction, close it, and resolve with the request's
// result once the transaction has completed. The draft's files (kept.ts) and the share inbox
// (shared.ts, also run by the service worker) each keep their own database through it.

export function idbRequest<T>(
  database: string,
  store: string,
  mode: IDBTransactionMode,
  act: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === "undefined") return reject(new Error("no IndexedDB"));
    const opening = indexedDB.open(database, 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore(store);
    opening.onerror = () => reject(opening.error);
    opening.onsuccess = () => {
      const db = opening.result;
      const tx = db.transaction(store, mode);
      const req = act(tx.objectStore(store));
      tx.oncomplete = () => {
        db.close();
        resolve(req.result);
      };
      tx.onerror = tx.onabort = () => {
        db.close();
        reject(tx.error);
      };
    };
  });
}
