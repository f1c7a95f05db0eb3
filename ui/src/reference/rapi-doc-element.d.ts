// The <rapi-doc> element in JSX: its settings are text attributes (https://rapidocweb.com/api.html).
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'rapi-doc': DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & { [attribute: `${string}-${string}`]: string | undefined } & {
        layout?: string;
        theme?: string;
      };
    }
  }
}
