// RapiDoc registers the <rapi-doc> custom element when its module is loaded; it exports nothing we use.
declare module 'rapidoc';
