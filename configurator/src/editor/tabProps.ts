import type { Matter } from '../document/matter';

export interface TabProps {
  matter: Matter;
  onChange: (matter: Matter) => void;
}
