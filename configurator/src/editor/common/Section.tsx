import { Card } from 'antd';
import type { ReactNode } from 'react';
import { ProblemsAt } from '../problems/ProblemsContext';

interface Props {
  anchor: string;
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}

/** A card of the editor: problems about it are shown at its top; `anchor` is its id. */
export function Section({ anchor, title, extra, children }: Props) {
  return (
    <Card id={anchor} className="section" title={title} extra={extra} data-anchor={anchor}>
      <ProblemsAt anchor={anchor} />
      {children}
    </Card>
  );
}
