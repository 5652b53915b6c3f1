export function checkImports(src: string): { violations: string[]; checked: number };
