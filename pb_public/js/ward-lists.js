// ward-lists: the ward's units and fields, the two reference lists every
// signed-in account may read. A page's tables name an initiative's unit
// and field from them, each list asked at most once while the page is
// open, instead of PocketBase expanding both on every page of a list.
// Nothing is kept past the page: the next page load reads them afresh. A
// list that cannot be read is an empty one (its names show as empty
// cells) and is asked again the next time a table wants it.

import { pb } from './pb.js';

const loading = {};

// load returns the records of collection (only fields) by id, asked once.
function load(collection, fields) {
  if (!loading[collection]) {
    loading[collection] = pb.collection(collection).getFullList({ fields, requestKey: null })
      .then((list) => new Map(list.map((r) => [r.id, r])))
      .catch(() => {
        delete loading[collection];
        return new Map();
      });
  }
  return loading[collection];
}

// wardUnits returns the ward's units (id, name) by id.
export function wardUnits() {
  return load('units', 'id,name');
}

// wardFields returns the ward's fields (id, code, name) by id.
export function wardFields() {
  return load('fields', 'id,code,name');
}

// unitName is the name of unit id in units, '' when it is not there.
export function unitName(units, id) {
  const u = units.get(id);
  return u ? u.name : '';
}

// fieldLabel is field id in fields as the ward writes it ("c) Cải cách
// hành chính"), '' when it is not there.
export function fieldLabel(fields, id) {
  const f = fields.get(id);
  return f ? f.code + ') ' + f.name : '';
}
