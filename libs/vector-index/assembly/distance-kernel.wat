;; Distance kernels (see distance-kernel.ts): for each row x, `|x|² − 2·q·x` as f32 into `out`, the squared
;; distance to the query q minus |q|², which ranks rows the same. Addresses are bytes in the imported
;; memory. Rows are zero-padded to a stride of `steps` × 8 floats: each step reads 8 floats of the query and
;; of the row into two 4-lane accumulators.
(module
  ;; Shared (and so with a maximum, 65,536 pages = 4 GiB) so that worker threads can use the same rows.
  (import "env" "memory" (memory 1 65536 shared))

  ;; `count` consecutive rows from `rows`, their squared norms from `norms`.
  (func (export "distances")
    (param $query i32) (param $rows i32) (param $norms i32) (param $count i32) (param $steps i32)
    (param $out i32)
    (local $step i32) (local $queryAt i32) (local $sum0 v128) (local $sum1 v128) (local $norm f32)
    (block $done
      (loop $nextRow
        (br_if $done (i32.eqz (local.get $count)))
        ;; The norm is read first: its load overlaps the dot product.
        (local.set $norm (f32.load (local.get $norms)))
        ;; q·x, advancing $rows by one stride
        (local.set $sum0 (v128.const i32x4 0 0 0 0))
        (local.set $sum1 (v128.const i32x4 0 0 0 0))
        (local.set $queryAt (local.get $query))
        (local.set $step (local.get $steps))
        (loop $nextStep
          (local.set $sum0 (f32x4.add (local.get $sum0)
            (f32x4.mul (v128.load (local.get $queryAt)) (v128.load (local.get $rows)))))
          (local.set $sum1 (f32x4.add (local.get $sum1)
            (f32x4.mul (v128.load offset=16 (local.get $queryAt)) (v128.load offset=16 (local.get $rows)))))
          (local.set $queryAt (i32.add (local.get $queryAt) (i32.const 32)))
          (local.set $rows (i32.add (local.get $rows) (i32.const 32)))
          (br_if $nextStep (local.tee $step (i32.sub (local.get $step) (i32.const 1)))))
        (local.set $sum0 (f32x4.add (local.get $sum0) (local.get $sum1)))
        (f32.store (local.get $out) (f32.sub (local.get $norm) (f32.mul
          (f32.add
            (f32.add (f32x4.extract_lane 0 (local.get $sum0)) (f32x4.extract_lane 1 (local.get $sum0)))
            (f32.add (f32x4.extract_lane 2 (local.get $sum0)) (f32x4.extract_lane 3 (local.get $sum0))))
          (f32.const 2))))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $norms (i32.add (local.get $norms) (i32.const 4)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $nextRow))))

  ;; The rows whose indices (i32) are at `ids`: row i at rows + i·stride, its norm at norms + 4·i.
  (func (export "distancesAt")
    (param $query i32) (param $rows i32) (param $norms i32) (param $ids i32) (param $count i32)
    (param $steps i32) (param $out i32)
    (local $step i32) (local $queryAt i32) (local $row i32) (local $id i32)
    (local $sum0 v128) (local $sum1 v128) (local $norm f32)
    (block $done
      (loop $nextRow
        (br_if $done (i32.eqz (local.get $count)))
        (local.set $id (i32.load (local.get $ids)))
        ;; row = rows + id · steps · 32 bytes
        (local.set $row (i32.add (local.get $rows)
          (i32.shl (i32.mul (local.get $id) (local.get $steps)) (i32.const 5))))
        ;; The norm is read first: its (random) load overlaps the dot product.
        (local.set $norm (f32.load (i32.add (local.get $norms) (i32.shl (local.get $id) (i32.const 2)))))
        (local.set $sum0 (v128.const i32x4 0 0 0 0))
        (local.set $sum1 (v128.const i32x4 0 0 0 0))
        (local.set $queryAt (local.get $query))
        (local.set $step (local.get $steps))
        (loop $nextStep
          (local.set $sum0 (f32x4.add (local.get $sum0)
            (f32x4.mul (v128.load (local.get $queryAt)) (v128.load (local.get $row)))))
          (local.set $sum1 (f32x4.add (local.get $sum1)
            (f32x4.mul (v128.load offset=16 (local.get $queryAt)) (v128.load offset=16 (local.get $row)))))
          (local.set $queryAt (i32.add (local.get $queryAt) (i32.const 32)))
          (local.set $row (i32.add (local.get $row) (i32.const 32)))
          (br_if $nextStep (local.tee $step (i32.sub (local.get $step) (i32.const 1)))))
        (local.set $sum0 (f32x4.add (local.get $sum0) (local.get $sum1)))
        (f32.store (local.get $out) (f32.sub (local.get $norm) (f32.mul
          (f32.add
            (f32.add (f32x4.extract_lane 0 (local.get $sum0)) (f32x4.extract_lane 1 (local.get $sum0)))
            (f32.add (f32x4.extract_lane 2 (local.get $sum0)) (f32x4.extract_lane 3 (local.get $sum0))))
          (f32.const 2))))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $ids (i32.add (local.get $ids) (i32.const 4)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $nextRow)))))
