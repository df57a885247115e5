/** `npm run console:build`: builds the web console into console/dist and prints its sizes. */
import { buildConsole } from './console-bundle.ts';
import { printConsoleSizes } from './console-sizes.ts';

await buildConsole();
printConsoleSizes();
