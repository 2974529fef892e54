#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
    size_t page = (size_t) sysconf(_SC_PAGESIZE);
    int fd = open("/dev/zero", O_RDWR);
    if (fd < 0) {
        perror("open");
        return 1;
    }
    char *p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
        perror("mmap");
        close(fd);
        return 1;
    }
    p[0] = 'x';
    printf("Mapped %zu bytes\n", page);
    munmap(p, page);
    close(fd);
    return 0;
}
