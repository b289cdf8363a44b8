export * from './env.mjs';
export * from './server.mjs';
export * from './browser.mjs';
export * from './image.mjs';
export * from './expect.mjs';
export * from './suite.mjs';
export * from './y4m.mjs';
export * from './turn.mjs';
