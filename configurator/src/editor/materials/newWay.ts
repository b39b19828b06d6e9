import type { Way, WayKind } from '../../document/matter';

/** A way of this kind, filled with what most matters use. */
export function newWay(kind: WayKind): Way {
  switch (kind) {
    case 'e_license':
      return { kind, license_type: '' };
    case 'shared_data':
      return { kind, source: '', elements: [] };
    case 'commitment':
      return {
        kind,
        text: {
          zh: '本人承诺以上情况真实无误；如有不实，愿意承担相应的法律责任。',
          en: 'I promise the above is true; if it is not, I accept the legal consequences.',
        },
      };
    case 'upload':
      return { kind, accept: ['image/jpeg', 'image/png', 'application/pdf'], max_bytes: 10 * 1024 * 1024 };
    case 'original':
      return { kind, copies: 0 };
  }
}
